"""The Henan and local-norms packs, loaded from the source tree, for the journeys through real profiles."""

from tests.plugins.conftest import packs_host  # noqa: F401  (fixture)
