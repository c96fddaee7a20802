"""Judging one quotation against the corpus: candidate passages, alignment, the verdict and its evidence."""
