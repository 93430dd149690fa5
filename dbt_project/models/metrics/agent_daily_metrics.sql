{{ daily_ticket_metrics('AgentID', with_agent_activity=true) }}
