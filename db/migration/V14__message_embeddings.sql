-- Message embeddings (issue 20): the sentence encoder's vector of each analysed contact message, kept by the
-- analysis module for similar conversations, suggestions and topics. 384 dimensions quantized to int8 with one
-- float4 scale in front (388 bytes a message; docs/decisions/018-similar-conversations.md). Removed with the message.
create table message_embeddings (
    message_id      uuid primary key references messages (id) on delete cascade,
    customer_id     uuid not null references customers (id) on delete cascade,
    conversation_id uuid not null references conversations (id) on delete cascade,
    encoder         text not null,
    vector          bytea not null check (octet_length(vector) = 388),
    created_at      timestamptz not null default now()
);
create index message_embeddings_customer_idx on message_embeddings (customer_id, created_at);
create index message_embeddings_conversation_idx on message_embeddings (conversation_id);

alter table message_embeddings enable row level security;
alter table message_embeddings force row level security;
create policy tenant_isolation on message_embeddings
    using (customer_id = app_current_customer() or app_platform_access())
    with check (customer_id = app_current_customer() or app_platform_access());

grant select, insert, update, delete on message_embeddings to ${appRole};
