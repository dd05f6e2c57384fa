"""ipywidgets views, one module per app; thin: layout, events and Dutch texts only."""
