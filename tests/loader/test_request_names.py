"""The names requests are counted under: one per kind of request, never one per id."""

from load.pacing import classify


def test_views_and_archived_tickets_have_their_own_names():
    assert classify("http://h/api/v2/contacts?state=blocked&page=3") == "contacts_blocked"
    assert classify("http://h/api/v2/contacts/67042000003") == "contact_view"
    assert classify("http://h/api/v2/tickets/17") == "ticket_view"
    assert classify("http://h/api/v2/tickets/archived/17") == "ticket_archived"
    assert classify("http://h/api/v2/tickets/archived/17/conversations?page=2") == "ticket_archived_conversations"
    assert classify("http://h/api/v2/groups/67000259007") == "groups"
