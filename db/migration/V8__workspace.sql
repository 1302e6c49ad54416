-- Workspace: the latest customer sentiment per conversation, for the inbox's sentiment column, filter and
-- "most negative first" sort. Kept by the application (ConversationManagement.recordSentiment) whenever
-- analysis stores a sentiment; last_sentiment_message_at keeps an older message's late analysis (or a
-- correction of it) from overwriting a newer one.
alter table conversations add column last_sentiment_score numeric(5, 4);
alter table conversations add column last_sentiment_label text
    check (last_sentiment_label in ('negative', 'neutral', 'positive'));
alter table conversations add column last_sentiment_message_at timestamptz;

-- open + pending is what the inbox shows by default: most negative first, and filtered by label
create index conversations_inbox_sentiment_idx on conversations (customer_id, last_sentiment_score, updated_at desc, id)
    where status in ('open', 'pending');
create index conversations_sentiment_label_idx on conversations (customer_id, last_sentiment_label);

-- the analysis backfill lists contact messages across customers in (created_at, id) order
create index messages_contact_created_idx on messages (created_at, id) where author_type = 'contact' and not internal;
