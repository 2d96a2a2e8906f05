from tests.store_support import engine, example_batch, example_population, store, store_url  # noqa: F401
