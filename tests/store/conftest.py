from tests.store_support import api, engine, example_batch, example_population, store, store_url  # noqa: F401
