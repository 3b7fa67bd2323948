"""Local norms: measurable staffing, response and reporting norms from local documents.

Its own standard, ``local-norms``, rather than areas added to a provincial one: the norms come
from three local documents (a Kunming scenic-area reform plan, a district's report, a city bureau's
work plan), carry no points, and bind only where a city adopts them. Added to Hunan 2020 they
would change that standard's area list, and every Hunan profile would become invalid the day the
pack was uninstalled. A city that adopts one of them into its provincial check adds it there with
a tailoring file instead (``examples/hunan-2020-staffing.toml``).
"""

from ucm_check.model import Clause

STANDARD = "local-norms"
KUNMING = "昆明阳宗海风景名胜区《关于深入推进城乡执法体制改革改进城乡管理工作的实施方案》（2017-12-14，无文号）"
DISTRICT = "《努力提升城市精细化管理服务水平》（区级经验材料，郑州市金水区）"
CITY = "《城管执法能力提升工作方案》（市城管执法局，2022-05-03 发布）"


def clause(document: str, path: str) -> Clause:
    return Clause(document, path)
