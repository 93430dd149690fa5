{{ record_select(ref('int_freshdesk__products_with_placeholders'), 'product_id') }}
