import pytest

from tests.warehouse_file.build import Warehouse, tiny_warehouse


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory) -> Warehouse:
    return tiny_warehouse(tmp_path_factory)
