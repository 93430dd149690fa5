{{ renamed_nested_source('contacts__tags', ['value as tag']) }}
