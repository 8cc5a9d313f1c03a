"""Frames builders: one pure function per dashboard, ``build_<topic>_frames(cluster) -> <Topic>Frames``.

A builder asks the sources (never the network: the local cache, else the bundled snapshot)
and runs the analyses; it returns a plain, picklable dataclass of numeric frames with their
provenance in ``attrs``. Nothing here formats text for a reader or builds HTML:
:mod:`landsby_utils.frames` caches the result on disk per cluster, and the dashboards in
:mod:`landsby_utils.widgets` only format it.
"""
