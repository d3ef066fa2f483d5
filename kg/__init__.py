"""China Tech-Policy Knowledge Graph: build, store access and command line."""

__version__ = "0.1.0"
