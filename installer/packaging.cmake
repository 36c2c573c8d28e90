# Packaging is filled in with the workbench; the CLI installs on its own meanwhile.
