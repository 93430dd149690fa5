{{ renamed_nested_source('contacts__other_emails', ['value as email']) }}
