import pytest

from load.settings import SettingsError, base_url_for, check_base_url, load_settings


def test_domain_becomes_https_base_url():
    assert base_url_for("acme") == "https://acme.freshdesk.com/api/v2"
    assert base_url_for("acme.freshdesk.com") == "https://acme.freshdesk.com/api/v2"


@pytest.mark.parametrize("url", ["http://example.com/api/v2", "http://10.0.0.5/api/v2", "ftp://127.0.0.1/x"])
def test_plain_http_off_loopback_is_refused(url):
    with pytest.raises(SettingsError):
        check_base_url(url)


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/api/v2", "http://localhost/api/v2", "https://x.example/api/v2"])
def test_loopback_http_and_https_are_accepted(url):
    assert check_base_url(url) == url


def test_missing_key_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("FRESHDESK_API_KEY", raising=False)
    monkeypatch.setenv("FRESHDESK_DOMAIN", "acme")
    with pytest.raises(SettingsError, match="FRESHDESK_API_KEY"):
        load_settings()


def test_settings_repr_hides_the_key():
    s = load_settings(base_url="http://127.0.0.1:1/api/v2", api_key="sekret-key-123")
    assert "sekret" not in repr(s)
