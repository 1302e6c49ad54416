-- predictions (issue 8): the prediction module's own read model, fed from events, and one prediction per
-- analysed message in prediction_analysis (V1)

alter table prediction_analysis add column message_id uuid;
create unique index prediction_analysis_message_idx on prediction_analysis (message_id) where message_id is not null;

-- one row per analysed contact message (MessageAnalysed)
create table prediction_signals (
    message_id      uuid primary key,
    customer_id     uuid not null references customers (id) on delete cascade,
    conversation_id uuid not null references conversations (id) on delete cascade,
    score           double precision,
    categories      text[] not null default '{}',
    created_at      timestamptz not null default now()
);
create index prediction_signals_conversation_idx on prediction_signals (conversation_id, created_at);

-- one row per conversation seen: its latest features, the risk predicted before any escalation (calibration),
-- and the outcomes (ConversationEscalated, ConversationResolved) the per-customer models learn from
create table prediction_conversations (
    conversation_id    uuid primary key references conversations (id) on delete cascade,
    customer_id        uuid not null references customers (id) on delete cascade,
    started_at         timestamptz not null,
    features           double precision[],
    risk_before_label  double precision,
    escalated_at       timestamptz,
    resolved_at        timestamptz,
    resolution_minutes double precision,
    csat_proxy         double precision
);
create index prediction_conversations_customer_idx on prediction_conversations (customer_id, started_at);

do
$$
declare
    t text;
begin
    foreach t in array array ['prediction_signals', 'prediction_conversations']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I
                            using (customer_id = app_current_customer() or app_platform_access())
                            with check (customer_id = app_current_customer() or app_platform_access())', t);
    end loop;
end
$$;

grant select, insert, update, delete on prediction_signals, prediction_conversations to ${appRole};
