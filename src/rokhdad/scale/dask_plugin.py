"""The Dask worker plugin that builds the pipeline once per worker (imports Dask; load lazily)."""

from __future__ import annotations

from typing import Any

from distributed import WorkerPlugin

from rokhdad.config import Settings
from rokhdad.scale.worker import pipeline_for


class LoadModels(WorkerPlugin):
    """Build the pipeline when a worker starts, so models and lexicons load once per worker."""

    name = "rokhdad-load-models"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        pipeline_for(self.settings)
