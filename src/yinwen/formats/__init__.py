"""Reading .docx/.pdf/legacy Word files into text with locations, and writing the annotated .docx.

The checker itself only ever sees extracted text; each format module also records where every
paragraph, table cell or page begins (``Document.locations``), so findings can name the place in
the original file as well as the line and column in the extracted text.
"""
