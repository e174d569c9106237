c = get_config()  # noqa: F821
c.InlineBackend.figure_formats = {"png"}
