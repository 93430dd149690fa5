{{ daily_ticket_metrics('GroupID') }}
