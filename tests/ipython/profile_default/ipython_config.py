c = get_config()  # noqa: F821
c.InlineBackend.figure_formats = {"png"}
# No history database in the repository's profile folder.
c.HistoryManager.enabled = False
