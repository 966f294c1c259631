"""One cog per feature: asking (chat and commands), feedback buttons, server admin."""
