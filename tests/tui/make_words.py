"""Regenerate ``ucm_check/tui/words.txt``, the word list Chinese line breaking keeps whole.

Not a test and not a runtime dependency: run by hand after rule texts or UI strings change, in a
venv with this package, given jieba's lexicon (``pip install jieba`` anywhere; MIT licence; only
its ``dict.txt`` is read)::

    python tests/tui/make_words.py /path/to/jieba/dict.txt

Every run of hanzi in the package, the packs and the bundled profiles is cut into the fewest
words (:func:`ucm_check.tui.linebreak.segment`, as at run time) from jieba's
lexicon plus :data:`DOMAIN`, the terms of our documents that jieba lacks (it cuts 不适用于 as
不适 / 用于). The words of two or more hanzi that the matching used are written, sorted.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from ucm_check.tui.linebreak import segment  # noqa: E402  the run-time cutting, so both agree

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "ucm_check" / "tui" / "words.txt"
SOURCES = [("ucm_check", ("*.py", "*.toml")), ("plugins", ("*.py", "*.toml")), ("profiles", ("*.toml",)),
           ("rosters", ("*.toml",))]
#: Terms of the standards and of the UI that jieba's lexicon does not hold as one word.
DOMAIN = """不适用 未填写 未答 已答 未指定 牵头单位 责任单位 配合单位 责任人 整改台账 整改措施 整改事项 销号 可销号
完成时限 评价期间 报送日期 单位名称 单位层级 县市区 设区市 执法局 综合执法 城市管理 城管执法 行政执法 文明执法 执法人员
执法车辆 执法着装 持证率 满意度 自评报告 自评 加分项 扣分 计分 扣完 为止 阶段节点 佐证材料 另存为 只读 交办工作
法制审核 执法公示 党组织 数字化城管 门前三包 主送机关 发文字号 签发人 联系人""".split()
HAN = re.compile(r"[\u4e00-\u9fff]+")
LONGEST = 7


def lexicon(path: Path) -> set[str]:
    words = {line.split(" ", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()}
    return {w for w in words if 2 <= len(w) <= LONGEST and HAN.fullmatch(w)} | set(DOMAIN)


def used_words(text: str, words: set[str]) -> set[str]:
    listed = frozenset(words)
    used: set[str] = set()
    for run in HAN.findall(text):
        pos = 0
        for n in segment(run, listed, LONGEST):
            if n > 1:
                used.add(run[pos:pos + n])
            pos += n
    return used


def main(dict_txt: str) -> None:
    words = lexicon(Path(dict_txt))
    text = "\n".join(p.read_text(encoding="utf-8") for folder, globs in SOURCES for g in globs
                     for p in sorted((ROOT / folder).rglob(g)))
    used = sorted(used_words(text, words))
    OUT.write_text("\n".join(used) + "\n", encoding="utf-8")
    print(f"{len(used)} words -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
