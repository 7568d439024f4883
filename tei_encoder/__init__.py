"""tei-encoder: plain-text archival records -> TEI P5 -> validated -> HTML edition.

The pipeline, one module per stage:
    read     (read.py)      bytes on disk -> SourceText (decoded, cleaned)
    parse    (parse.py)     SourceText -> Document (header fields + body tree)
    enrich   (enrich/)      Document -> Document (editorial marks, entities, dates)
    write    (write.py)     Document -> TEI XML bytes
    validate (validate.py)  TEI -> diagnostics (XSD + Schematron rules + optional RELAX NG)
    publish  (publish.py)   TEI -> HTML edition (XSLT 3.0 via saxonche)
"""

__version__ = "0.1.0"
