"""The receiving office's side of the annual self-evaluation (湘建执函〔2020〕94号 §三、§四).

A province (or a city for its counties) keeps a **roster** of who submits to whom and by when
(:mod:`.roster`), receives a folder of submission bundles and verifies each one
(:mod:`.submission`, :mod:`.receive`, :mod:`.records`), re-scores units with an inspector's verified facts
(:mod:`.spotcheck`) and the public satisfaction survey (:mod:`.social`), and turns the verified
results into rankings, per-rule statistics and the 通报表扬 / 通报批评 lists (:mod:`.results`).
Writers for text, Markdown, JSON and xlsx live beside them. Nothing here imports Textual.
"""
