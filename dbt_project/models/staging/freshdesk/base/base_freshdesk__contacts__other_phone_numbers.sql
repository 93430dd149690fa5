{{ renamed_nested_source('contacts__other_phone_numbers', ['value as phone_number', 'label']) }}
