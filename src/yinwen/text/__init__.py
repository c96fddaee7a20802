"""Reading a draft's text: decoding, normalisation, quotation marks, attribution cues, sentences, words."""
