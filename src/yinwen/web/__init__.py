"""The local web page (``yinwen serve``): a Starlette app over the engine, for writers who never open a terminal.

A top layer beside cli/: it never imports cli/, and cli/ imports it only to start the server. Nothing here
is imported by ``yinwen check``, so the command line's cold start does not pay for the web stack.
"""
