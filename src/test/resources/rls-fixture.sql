-- Two customers with one row in every tenant table each (run as the owner, which bypasses RLS).
-- RowLevelSecurityTests fails when a tenant table has no row here: add one for every new table.
insert into customers (id, slug, name) values
  ('aaaaaaaa-0000-0000-0000-000000000001', 'rls-a', 'RLS A'),
  ('bbbbbbbb-0000-0000-0000-000000000001', 'rls-b', 'RLS B') on conflict do nothing;

insert into app_users (id, customer_id, username, password_hash, display_name, role) values
  ('aaaaaaaa-0000-0000-0000-000000000002', 'aaaaaaaa-0000-0000-0000-000000000001', 'agent@rls-a', 'x', 'A agent', 'AGENT'),
  ('bbbbbbbb-0000-0000-0000-000000000002', 'bbbbbbbb-0000-0000-0000-000000000001', 'agent@rls-b', 'x', 'B agent', 'AGENT')
  on conflict do nothing;

insert into audit_log (id, customer_id, actor, action) values
  ('aaaaaaaa-0000-0000-0000-000000000003', 'aaaaaaaa-0000-0000-0000-000000000001', 'a', 'test'),
  ('bbbbbbbb-0000-0000-0000-000000000003', 'bbbbbbbb-0000-0000-0000-000000000001', 'b', 'test') on conflict do nothing;

insert into contacts (id, customer_id, name, email) values
  ('aaaaaaaa-0000-0000-0000-000000000004', 'aaaaaaaa-0000-0000-0000-000000000001', 'Ann', 'ann@example.com'),
  ('bbbbbbbb-0000-0000-0000-000000000004', 'bbbbbbbb-0000-0000-0000-000000000001', 'Bob', 'bob@example.com')
  on conflict do nothing;

insert into conversations (id, customer_id, contact_id, subject) values
  ('aaaaaaaa-0000-0000-0000-000000000005', 'aaaaaaaa-0000-0000-0000-000000000001', 'aaaaaaaa-0000-0000-0000-000000000004', 'A'),
  ('bbbbbbbb-0000-0000-0000-000000000005', 'bbbbbbbb-0000-0000-0000-000000000001', 'bbbbbbbb-0000-0000-0000-000000000004', 'B')
  on conflict do nothing;

insert into messages (id, customer_id, conversation_id, author_type, text) values
  ('aaaaaaaa-0000-0000-0000-000000000006', 'aaaaaaaa-0000-0000-0000-000000000001', 'aaaaaaaa-0000-0000-0000-000000000005', 'contact', 'hello from A'),
  ('bbbbbbbb-0000-0000-0000-000000000006', 'bbbbbbbb-0000-0000-0000-000000000001', 'bbbbbbbb-0000-0000-0000-000000000005', 'contact', 'secret of B')
  on conflict do nothing;

insert into sentiment_analysis (id, customer_id, message_id, conversation_id, score, label, confidence, model) values
  ('aaaaaaaa-0000-0000-0000-000000000007', 'aaaaaaaa-0000-0000-0000-000000000001', 'aaaaaaaa-0000-0000-0000-000000000006', 'aaaaaaaa-0000-0000-0000-000000000005', 0.5, 'neutral', 0.9, 't'),
  ('bbbbbbbb-0000-0000-0000-000000000007', 'bbbbbbbb-0000-0000-0000-000000000001', 'bbbbbbbb-0000-0000-0000-000000000006', 'bbbbbbbb-0000-0000-0000-000000000005', 0.1, 'negative', 0.9, 't')
  on conflict do nothing;

insert into message_embeddings (message_id, customer_id, conversation_id, encoder, vector) values
  ('aaaaaaaa-0000-0000-0000-000000000006', 'aaaaaaaa-0000-0000-0000-000000000001', 'aaaaaaaa-0000-0000-0000-000000000005', 't', decode(repeat('01', 388), 'hex')),
  ('bbbbbbbb-0000-0000-0000-000000000006', 'bbbbbbbb-0000-0000-0000-000000000001', 'bbbbbbbb-0000-0000-0000-000000000005', 't', decode(repeat('02', 388), 'hex'))
  on conflict do nothing;

insert into conversation_categories (id, customer_id, conversation_id, message_id, category_key, confidence) values
  ('aaaaaaaa-0000-0000-0000-000000000008', 'aaaaaaaa-0000-0000-0000-000000000001', 'aaaaaaaa-0000-0000-0000-000000000005', 'aaaaaaaa-0000-0000-0000-000000000006', 'billing', 0.8),
  ('bbbbbbbb-0000-0000-0000-000000000008', 'bbbbbbbb-0000-0000-0000-000000000001', 'bbbbbbbb-0000-0000-0000-000000000005', 'bbbbbbbb-0000-0000-0000-000000000006', 'refund', 0.8)
  on conflict do nothing;

insert into response_suggestions (id, customer_id, conversation_id, message_id, source, text) values
  ('aaaaaaaa-0000-0000-0000-000000000009', 'aaaaaaaa-0000-0000-0000-000000000001', 'aaaaaaaa-0000-0000-0000-000000000005', 'aaaaaaaa-0000-0000-0000-000000000006', 'library', 'hi A'),
  ('bbbbbbbb-0000-0000-0000-000000000009', 'bbbbbbbb-0000-0000-0000-000000000001', 'bbbbbbbb-0000-0000-0000-000000000005', 'bbbbbbbb-0000-0000-0000-000000000006', 'library', 'hi B')
  on conflict do nothing;

insert into prediction_analysis (id, customer_id, conversation_id, escalation_risk, model) values
  ('aaaaaaaa-0000-0000-0000-00000000000a', 'aaaaaaaa-0000-0000-0000-000000000001', 'aaaaaaaa-0000-0000-0000-000000000005', 0.2, 't'),
  ('bbbbbbbb-0000-0000-0000-00000000000a', 'bbbbbbbb-0000-0000-0000-000000000001', 'bbbbbbbb-0000-0000-0000-000000000005', 0.9, 't')
  on conflict do nothing;

insert into escalation_rules (id, customer_id, name, condition) values
  ('aaaaaaaa-0000-0000-0000-00000000000b', 'aaaaaaaa-0000-0000-0000-000000000001', 'A rule', '{}'),
  ('bbbbbbbb-0000-0000-0000-00000000000b', 'bbbbbbbb-0000-0000-0000-000000000001', 'B rule', '{}')
  on conflict do nothing;

insert into escalation_events (id, customer_id, conversation_id, rule_id, reason, severity) values
  ('aaaaaaaa-0000-0000-0000-00000000000c', 'aaaaaaaa-0000-0000-0000-000000000001', 'aaaaaaaa-0000-0000-0000-000000000005', 'aaaaaaaa-0000-0000-0000-00000000000b', 'A', 'low'),
  ('bbbbbbbb-0000-0000-0000-00000000000c', 'bbbbbbbb-0000-0000-0000-000000000001', 'bbbbbbbb-0000-0000-0000-000000000005', 'bbbbbbbb-0000-0000-0000-00000000000b', 'B', 'high')
  on conflict do nothing;

insert into conversation_insights (id, customer_id, period_start, period_end, kind, data) values
  ('aaaaaaaa-0000-0000-0000-00000000000d', 'aaaaaaaa-0000-0000-0000-000000000001', now() - interval '1 day', now(), 'daily', '{}'),
  ('bbbbbbbb-0000-0000-0000-00000000000d', 'bbbbbbbb-0000-0000-0000-000000000001', now() - interval '1 day', now(), 'daily', '{"revenue": "secret"}')
  on conflict do nothing;

-- V3 (analysis pipeline)
insert into jobs (id, type, customer_id, subject_id) values
  ('aaaaaaaa-0000-0000-0000-000000000e01', 'analysis', 'aaaaaaaa-0000-0000-0000-000000000001', 'aaaaaaaa-0000-0000-0000-000000000006'),
  ('bbbbbbbb-0000-0000-0000-000000000e01', 'analysis', 'bbbbbbbb-0000-0000-0000-000000000001', 'bbbbbbbb-0000-0000-0000-000000000006')
  on conflict do nothing;

insert into analysis_corrections (id, customer_id, message_id, conversation_id, kind, before, after, by_user) values
  ('aaaaaaaa-0000-0000-0000-000000000e02', 'aaaaaaaa-0000-0000-0000-000000000001', 'aaaaaaaa-0000-0000-0000-000000000006', 'aaaaaaaa-0000-0000-0000-000000000005', 'sentiment', '{}', '{}', 'aaaaaaaa-0000-0000-0000-000000000002'),
  ('bbbbbbbb-0000-0000-0000-000000000e02', 'bbbbbbbb-0000-0000-0000-000000000001', 'bbbbbbbb-0000-0000-0000-000000000006', 'bbbbbbbb-0000-0000-0000-000000000005', 'sentiment', '{}', '{}', 'bbbbbbbb-0000-0000-0000-000000000002')
  on conflict do nothing;

insert into customer_models (customer_id, adapter) values
  ('aaaaaaaa-0000-0000-0000-000000000001', '\x00'),
  ('bbbbbbbb-0000-0000-0000-000000000001', '\x00')
  on conflict do nothing;

insert into customer_categories (customer_id, key, display_name) values
  ('aaaaaaaa-0000-0000-0000-000000000001', 'billing', 'Money'),
  ('bbbbbbbb-0000-0000-0000-000000000001', 'warranty', 'Warranty claims')
  on conflict do nothing;

insert into ai_usage (id, customer_id, feature, model, outcome) values
  ('aaaaaaaa-0000-0000-0000-000000000e03', 'aaaaaaaa-0000-0000-0000-000000000001', 'sentiment', 'gpt-4o-mini', 'success'),
  ('bbbbbbbb-0000-0000-0000-000000000e03', 'bbbbbbbb-0000-0000-0000-000000000001', 'sentiment', 'gpt-4o-mini', 'success')
  on conflict do nothing;

-- V6 (escalation)
insert into escalation_history (id, customer_id, event_id, kind, text) values
  ('aaaaaaaa-0000-0000-0000-000000000601', 'aaaaaaaa-0000-0000-0000-000000000001', 'aaaaaaaa-0000-0000-0000-00000000000c', 'opened', 'A'),
  ('bbbbbbbb-0000-0000-0000-000000000601', 'bbbbbbbb-0000-0000-0000-000000000001', 'bbbbbbbb-0000-0000-0000-00000000000c', 'opened', 'B')
  on conflict do nothing;

insert into escalation_signals (message_id, customer_id, conversation_id, score, confidence) values
  ('aaaaaaaa-0000-0000-0000-000000000006', 'aaaaaaaa-0000-0000-0000-000000000001', 'aaaaaaaa-0000-0000-0000-000000000005', 0.5, 0.9),
  ('bbbbbbbb-0000-0000-0000-000000000006', 'bbbbbbbb-0000-0000-0000-000000000001', 'bbbbbbbb-0000-0000-0000-000000000005', 0.1, 0.9)
  on conflict do nothing;

insert into escalation_rule_seeds (customer_id) values
  ('aaaaaaaa-0000-0000-0000-000000000001'),
  ('bbbbbbbb-0000-0000-0000-000000000001')
  on conflict do nothing;

insert into escalation_notifications (id, customer_id, event_id, channel) values
  ('aaaaaaaa-0000-0000-0000-000000000602', 'aaaaaaaa-0000-0000-0000-000000000001', 'aaaaaaaa-0000-0000-0000-00000000000c', 'slack'),
  ('bbbbbbbb-0000-0000-0000-000000000602', 'bbbbbbbb-0000-0000-0000-000000000001', 'bbbbbbbb-0000-0000-0000-00000000000c', 'slack')
  on conflict do nothing;

insert into api_keys (id, customer_id, name, key_prefix, key_hash, created_by) values
  ('aaaaaaaa-0000-0000-0000-0000000000a1', 'aaaaaaaa-0000-0000-0000-000000000001', 'A key', 'omni_aaa', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1', 'a'),
  ('bbbbbbbb-0000-0000-0000-0000000000a1', 'bbbbbbbb-0000-0000-0000-000000000001', 'B key', 'omni_bbb', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb1', 'b')
  on conflict do nothing;

-- V7 (suggestions)
insert into reply_library (id, customer_id, title, body) values
  ('aaaaaaaa-0000-0000-0000-000000000701', 'aaaaaaaa-0000-0000-0000-000000000001', 'A reply', 'hi A'),
  ('bbbbbbbb-0000-0000-0000-000000000701', 'bbbbbbbb-0000-0000-0000-000000000001', 'B reply', 'secret reply of B')
  on conflict do nothing;

insert into knowledge_snippets (id, customer_id, title, body) values
  ('aaaaaaaa-0000-0000-0000-000000000702', 'aaaaaaaa-0000-0000-0000-000000000001', 'A article', 'A policy'),
  ('bbbbbbbb-0000-0000-0000-000000000702', 'bbbbbbbb-0000-0000-0000-000000000001', 'B article', 'B secret policy')
  on conflict do nothing;

insert into reply_pairs (id, customer_id, conversation_id, contact_message, agent_message, contact_text, reply_text) values
  ('aaaaaaaa-0000-0000-0000-000000000703', 'aaaaaaaa-0000-0000-0000-000000000001', 'aaaaaaaa-0000-0000-0000-000000000005', 'aaaaaaaa-0000-0000-0000-000000000006', 'aaaaaaaa-0000-0000-0000-000000000006', 'hello from A', 'hi A'),
  ('bbbbbbbb-0000-0000-0000-000000000703', 'bbbbbbbb-0000-0000-0000-000000000001', 'bbbbbbbb-0000-0000-0000-000000000005', 'bbbbbbbb-0000-0000-0000-000000000006', 'bbbbbbbb-0000-0000-0000-000000000006', 'secret of B', 'hi B')
  on conflict do nothing;

insert into suggestion_source_stats (customer_id, source, source_ref, shown) values
  ('aaaaaaaa-0000-0000-0000-000000000001', 'library', 'aaaaaaaa-0000-0000-0000-000000000701', 1),
  ('bbbbbbbb-0000-0000-0000-000000000001', 'library', 'bbbbbbbb-0000-0000-0000-000000000701', 1)
  on conflict do nothing;

insert into reply_proposals (id, customer_id, title, text) values
  ('aaaaaaaa-0000-0000-0000-000000000704', 'aaaaaaaa-0000-0000-0000-000000000001', 'A proposal', 'hi A'),
  ('bbbbbbbb-0000-0000-0000-000000000704', 'bbbbbbbb-0000-0000-0000-000000000001', 'B proposal', 'hi B')
  on conflict do nothing;

-- V10 (predictions)
insert into prediction_signals (message_id, customer_id, conversation_id, score) values
  ('aaaaaaaa-0000-0000-0000-000000000a06', 'aaaaaaaa-0000-0000-0000-000000000001', 'aaaaaaaa-0000-0000-0000-000000000005', 0.5),
  ('bbbbbbbb-0000-0000-0000-000000000a06', 'bbbbbbbb-0000-0000-0000-000000000001', 'bbbbbbbb-0000-0000-0000-000000000005', 0.1)
  on conflict do nothing;

insert into prediction_conversations (conversation_id, customer_id, started_at) values
  ('aaaaaaaa-0000-0000-0000-000000000005', 'aaaaaaaa-0000-0000-0000-000000000001', now()),
  ('bbbbbbbb-0000-0000-0000-000000000005', 'bbbbbbbb-0000-0000-0000-000000000001', now())
  on conflict do nothing;

-- V11 (insights)
insert into insight_hourly (customer_id, hour, conversations, messages) values
  ('aaaaaaaa-0000-0000-0000-000000000001', '2026-01-01 10:00+00', 1, 2),
  ('bbbbbbbb-0000-0000-0000-000000000001', '2026-01-01 10:00+00', 7, 9)
  on conflict do nothing;

insert into insight_hourly_categories (customer_id, hour, category_key, conversations) values
  ('aaaaaaaa-0000-0000-0000-000000000001', '2026-01-01 10:00+00', 'billing', 1),
  ('bbbbbbbb-0000-0000-0000-000000000001', '2026-01-01 10:00+00', 'refund', 7)
  on conflict do nothing;

insert into insight_hourly_causes (customer_id, hour, cause, escalations) values
  ('aaaaaaaa-0000-0000-0000-000000000001', '2026-01-01 10:00+00', 'A rule', 1),
  ('bbbbbbbb-0000-0000-0000-000000000001', '2026-01-01 10:00+00', 'B rule', 3)
  on conflict do nothing;

insert into insight_aggregation_state (customer_id, watermark) values
  ('aaaaaaaa-0000-0000-0000-000000000001', '2026-01-01 11:00+00'),
  ('bbbbbbbb-0000-0000-0000-000000000001', '2026-01-01 11:00+00')
  on conflict do nothing;
