"""What users run: the CLI, design reports and capacity sweeps."""
