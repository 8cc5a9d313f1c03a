"""Dashboard controllers: one module per dashboard; notebooks only build one and show its parts."""
