"""Reading event logs: files and frames in, every cell as text, then typed fact columns."""
