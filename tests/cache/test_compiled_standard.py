"""The compiled-standard cache, along a clerk's runs: the first run writes it, the next ones use it,
a changed pack or a damaged file makes the run rebuild it, and the output never depends on it.
The independent reference for every output is the same command with the cache turned off."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.packs import cli_env, run_cli

ROOT = Path(__file__).resolve().parent.parent.parent
PROFILES = ROOT / "profiles"
BUNDLED = sorted(p for p in PROFILES.glob("*.toml") if not p.name.endswith(".plan.toml"))
TYPICAL = PROFILES / "hunan-county-typical.toml"

PACK_V1 = '''
from ucm_check.hookspecs import hookimpl


@hookimpl
def ucm_check_output_formats():
    return []
'''
PACK_V2 = PACK_V1 + '''

@hookimpl
def ucm_check_standards():
    return []
'''


@pytest.fixture
def env(tmp_path):
    """A subprocess environment with the bundled packs installed and the cache in ``tmp_path/cache``."""
    env = cli_env(tmp_path)
    env["UCM_CHECK_CACHE_DIR"] = str(tmp_path / "cache")
    env.pop("UCM_CHECK_NO_CACHE", None)
    return env


def uncached(env):
    return dict(env, UCM_CHECK_NO_CACHE="1")


def events(run) -> list[str]:
    """The cache's debug events of a ``--log-level debug --log-format json`` run, in order."""
    found = []
    for line in run.stderr.splitlines():
        if line.startswith("{"):
            event = json.loads(line).get("event", "")
            if event.startswith("ucm_check.cache_"):
                found.append(event.removeprefix("ucm_check."))
    return found


def check(env, profile=TYPICAL, *extra):
    return run_cli("--log-level", "debug", "--log-format", "json", "check", str(profile), "--format", "json",
                   "--as-of", "2026-12-01", *extra, env=env)


def cache_files(env) -> list[Path]:
    folder = Path(env["UCM_CHECK_CACHE_DIR"])
    return sorted(folder.glob("*.cache")) if folder.is_dir() else []


def test_the_first_run_writes_the_cache_and_the_second_uses_it(env):
    first, second = check(env), check(env)
    assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
    assert events(first) == ["cache_missing", "cache_written"]
    assert events(second) == ["cache_used"]
    assert second.stdout == first.stdout


def test_a_run_from_the_cache_does_not_scan_entry_points_or_import_the_plugins(env, tmp_path):
    """In process: count the entry-point scans and look at which plugin modules got imported."""
    probe = (
        "import sys\n"
        "from ucm_check.engine import entrypoints\n"
        "real, scans = entrypoints.scan, []\n"
        "entrypoints.scan = lambda *a, **k: scans.append(1) or real(*a, **k)\n"
        "from ucm_check.cli import main\n"
        f"code = main(['check', {str(TYPICAL)!r}, '--format', 'json'])\n"
        "party = 'ucm_check_hunan2020.party' in sys.modules\n"
        "sys.stderr.write(f'\\nPROBE scans={len(scans)} party={party} code={code}\\n')\n"
    )

    def run():
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=tmp_path)
        return done.stderr.rpartition("PROBE ")[2].strip()

    assert run() == "scans=1 party=True code=0"   # builds: scans once, imports the plugins
    assert run() == "scans=0 party=False code=0"  # from the cache: neither


@pytest.mark.parametrize("profile", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_every_bundled_profile_checks_the_same_with_and_without_the_cache(env, profile):
    reference = check(uncached(env), profile)
    assert cache_files(env) == []  # the cache off writes nothing
    writing, reading = check(env, profile), check(env, profile)
    assert events(reading) == ["cache_used"]
    for run in (writing, reading):
        assert (run.returncode, run.stdout) == (reference.returncode, reference.stdout)
    assert reference.stdout.startswith("{")


def test_the_plugins_listing_is_the_same_from_the_cache(env):
    reference = run_cli("plugins", "--format", "json", env=uncached(env))
    run_cli("plugins", "--format", "json", env=env)
    cached = run_cli("--log-level", "debug", "--log-format", "json", "plugins", "--format", "json", env=env)
    assert events(cached) == ["cache_used"]
    assert json.loads(cached.stdout) == json.loads(reference.stdout)
    assert len(json.loads(reference.stdout)["standards"]) >= 2


def test_the_flag_and_the_variable_turn_the_cache_off(env):
    assert check(env, TYPICAL, "--no-cache").returncode == 0
    assert check(dict(env, UCM_CHECK_NO_CACHE="1")).returncode == 0
    assert cache_files(env) == []
    assert check(dict(env, UCM_CHECK_NO_CACHE="0")).returncode == 0  # "0" means on
    assert len(cache_files(env)) == 1


@pytest.mark.parametrize("garbage", [
    b"",
    b"\x00\xff garbage \x80",
    b"ucm-check compiled standard\n{not json",
    b"ucm-check compiled standard\n",
], ids=["empty", "binary", "bad-header", "header-missing"])
def test_a_damaged_cache_file_is_ignored_and_rewritten(env, garbage):
    reference = check(uncached(env))
    check(env)
    [file] = cache_files(env)
    file.write_bytes(garbage)
    run = check(env)
    assert (run.returncode, run.stdout) == (0, reference.stdout)
    assert events(run)[0] == "cache_ignored" and events(run)[-1] == "cache_written"
    assert "Traceback" not in run.stderr
    assert file.read_bytes().startswith(b"ucm-check compiled standard\n")
    assert events(check(env)) == ["cache_used"]


def test_a_cache_file_with_a_truncated_standard_is_ignored(env):
    reference = check(uncached(env))
    check(env)
    [file] = cache_files(env)
    data = file.read_bytes()
    file.write_bytes(data[: len(data) - 200])  # the header intact, the pickled standards cut short
    run = check(env)
    assert (run.returncode, run.stdout) == (0, reference.stdout)
    assert events(run) == ["cache_ignored", "cache_written"]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_cache_file_others_can_write_is_not_trusted(env):
    check(env)
    [file] = cache_files(env)
    file.chmod(0o666)
    run = check(env)
    assert run.returncode == 0
    assert events(run) == ["cache_ignored", "cache_written"]
    assert file.stat().st_mode & 0o022 == 0


def test_an_unwritable_cache_folder_only_costs_the_cache(env, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    run = check(dict(env, UCM_CHECK_CACHE_DIR=str(blocker / "cache")))
    assert run.returncode == 0 and run.stdout.startswith("{")
    assert events(run)[-1] == "cache_not_written"


@pytest.fixture
def pack(tmp_path, env):
    """A small installed pack (``cachepack 0.1.0``) on the subprocess's path."""
    site = tmp_path / "packsite"
    (site / "ucmtest_cachepack").mkdir(parents=True)
    (site / "ucmtest_cachepack" / "__init__.py").write_text(PACK_V1, encoding="utf-8")
    info = site / "ucmtest_cachepack-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: ucmtest-cachepack\nVersion: 0.1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[ucm_check]\ncachepack = ucmtest_cachepack\n", encoding="utf-8")
    env["PYTHONPATH"] = os.pathsep.join([str(site), env["PYTHONPATH"]])
    return site


def listed(env, name="cachepack"):
    run = run_cli("--log-level", "debug", "--log-format", "json", "plugins", "--format", "json", env=env)
    assert run.returncode == 0, run.stderr
    [plugin] = [p for p in json.loads(run.stdout)["plugins"] if p["name"] == name]
    return (plugin["version"], plugin["hooks"]), events(run)


def test_editing_a_pack_module_rebuilds_the_cache(env, pack):
    assert listed(env)[0] == ("0.1.0", ["ucm_check_output_formats"])
    assert listed(env)[1] == ["cache_used"]
    (pack / "ucmtest_cachepack" / "__init__.py").write_text(PACK_V2, encoding="utf-8")
    now, seen = listed(env)
    assert now == ("0.1.0", ["ucm_check_output_formats", "ucm_check_standards"])
    assert seen[0] == "cache_stale"


def test_touching_a_pack_module_without_changing_it_rebuilds_the_cache(env, pack):
    listed(env)
    module = pack / "ucmtest_cachepack" / "__init__.py"
    stamp = module.stat().st_mtime_ns + 1_000_000_000
    os.utime(module, ns=(stamp, stamp))
    assert listed(env)[1][0] == "cache_stale"


def test_upgrading_a_pack_rebuilds_the_cache(env, pack):
    listed(env)
    (pack / "ucmtest_cachepack-0.1.0.dist-info").rename(pack / "ucmtest_cachepack-0.2.0.dist-info")
    now, seen = listed(env)
    assert now[0] == "0.2.0"
    assert seen[0] == "cache_stale"


def test_installing_a_new_pack_is_seen_at_once(env, pack):
    check(env)
    assert events(check(env)) == ["cache_used"]
    (pack / "ucmtest_other").mkdir()
    (pack / "ucmtest_other" / "__init__.py").write_text(PACK_V1, encoding="utf-8")
    info = pack / "ucmtest_other-1.0.dist-info"
    info.mkdir()
    (info / "entry_points.txt").write_text("[ucm_check]\nother = ucmtest_other\n", encoding="utf-8")
    assert listed(env, "other")[0][0] == "1.0"


def test_a_disabled_plugin_is_not_served_from_a_cache_built_with_it(env):
    check(env)
    run = run_cli("plugins", "--format", "json", "--disable-plugin", "ucm_check_hunan2020.bonus", env=env)
    assert run.returncode == 0, run.stderr
    assert "ucm_check_hunan2020.bonus" in json.loads(run.stdout)["disabled"]


@pytest.mark.parametrize("profile", ["localnorms-county.toml", "hunan-county-typical.toml"])
def test_a_hook_beyond_the_standards_loads_the_plugins_from_a_cached_host(env, tmp_path, profile):
    """``plan`` asks the packs' ``ucm_check_default_deadline`` for new items' deadlines (the local-norms
    pack answers with its documents' dates): a host from the cache imports and registers the plugins
    then, and the new plan is the one the uncached run makes. Each run starts from a fresh copy, since
    ``plan`` saves the plan beside the profile and a saved item keeps its deadline."""

    def plan(run_env, name):
        folder = tmp_path / name
        folder.mkdir()
        (folder / profile).write_bytes((PROFILES / profile).read_bytes())
        return run_cli("--log-level", "debug", "--log-format", "json", "plan", str(folder / profile),
                       "--format", "json", "--as-of", "2021-03-01", env=run_env, cwd=folder)

    reference = plan(uncached(env), "reference")
    plan(env, "writing")
    cached = plan(env, "cached")
    assert events(cached) == ["cache_used"]
    assert (cached.returncode, cached.stdout) == (reference.returncode, reference.stdout)
    assert json.loads(reference.stdout)["summary"]["items"] > 0


def test_runs_started_together_all_succeed_and_leave_one_whole_cache_file(env):
    """Eight clerks' scripts starting at once on an empty cache: each writes its own temporary file and
    renames it over the cache file, so every run succeeds and one whole file is left, no temporary one."""
    reference = check(uncached(env))
    argv = [sys.executable, "-m", "ucm_check", "check", str(TYPICAL), "--format", "json", "--as-of", "2026-12-01"]
    runs = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            for _ in range(8)]
    results = [(p.wait(), p.stdout.read()) for p in runs]
    for p in runs:
        p.stdout.close()
        p.stderr.close()
    assert results == [(0, reference.stdout)] * 8
    folder = Path(env["UCM_CHECK_CACHE_DIR"])
    assert [f.name for f in folder.iterdir() if not f.name.endswith(".cache")] == []
    assert len(cache_files(env)) == 1
    assert events(check(env)) == ["cache_used"]


DATA_PACK = '''
from pathlib import Path

from ucm_check.hookspecs import hookimpl

if (Path(__file__).parent / "rules.txt").read_text(encoding="utf-8").strip() == "with standards":
    @hookimpl
    def ucm_check_standards():
        return []


@hookimpl
def ucm_check_output_formats():
    return []
'''


def test_editing_a_data_file_a_pack_reads_at_import_rebuilds_the_cache(env, pack):
    """A pack may keep its rules as data beside its modules: a changed data file counts as a change."""
    (pack / "ucmtest_cachepack" / "__init__.py").write_text(DATA_PACK, encoding="utf-8")
    (pack / "ucmtest_cachepack" / "rules.txt").write_text("plain", encoding="utf-8")
    assert listed(env)[0][1] == ["ucm_check_output_formats"]
    assert listed(env)[1] == ["cache_used"]
    (pack / "ucmtest_cachepack" / "rules.txt").write_text("with standards", encoding="utf-8")
    now, seen = listed(env)
    assert now[1] == ["ucm_check_output_formats", "ucm_check_standards"]
    assert seen[0] == "cache_stale"


def test_a_rebuild_clears_old_cache_files_and_leftovers_of_killed_runs(env):
    """Removed virtualenvs and runs killed mid-write leave files behind; a rebuild removes those,
    and leaves alone recent ones and files that are not the cache's."""
    folder = Path(env["UCM_CHECK_CACHE_DIR"])
    folder.mkdir(parents=True)
    year_ago = time.time() - 365 * 86400
    hour_ago = time.time() - 2 * 3600
    files = {"standard-0000000000000000.cache": year_ago, "standard-1111111111111111.cache": hour_ago,
             "standard-2222222222222222.cache.1.2.tmp": hour_ago, "standard-3333333333333333.cache.1.2.tmp": time.time(),
             "notes.txt": year_ago}
    for name, stamp in files.items():
        (folder / name).write_bytes(b"x")
        os.utime(folder / name, (stamp, stamp))
    assert check(env).returncode == 0
    left = sorted(f.name for f in folder.iterdir() if f.name in files)
    assert left == ["notes.txt", "standard-1111111111111111.cache", "standard-3333333333333333.cache.1.2.tmp"]


def test_a_frozen_program_keys_its_cache_by_its_own_file_and_a_one_file_build_keeps_none(tmp_path, monkeypatch):
    """A new build installed over the old one (same version, same folder) changes only the executable,
    whose archive holds the modules: the key must change with it. A one-file build unpacks itself into
    a new temporary folder every start: it must not write a cache it can never use again."""
    from ucm_check.engine import cache, stamps

    folder = tmp_path / "ucm-check-folder"
    (folder / "_internal").mkdir(parents=True)
    exe = folder / "ucm-check.exe"
    exe.write_bytes(b"build 1")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.setattr(sys, "_MEIPASS", str(folder / "_internal"), raising=False)
    before = stamps.key(True, set())
    assert not stamps.unpacks_itself()
    exe.write_bytes(b"build 2, a little longer")
    assert stamps.key(True, set()) != before

    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_MEI123456"))
    assert stamps.unpacks_itself()
    where = tmp_path / "cache"
    monkeypatch.setenv(stamps.DIR_ENV, str(where))
    monkeypatch.delenv(cache.OFF_ENV, raising=False)
    host = cache.build_host()
    assert "hunan-2020" in host.standards and not where.exists()
