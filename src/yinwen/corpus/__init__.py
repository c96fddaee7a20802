"""The reference corpus: sources on disk, their index, and lookups against it."""
