"""What a run is told to do: config files, the effective settings, inline suppressions and the baseline."""
