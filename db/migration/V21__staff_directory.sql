-- Issue 22, coupling you can see: the conversation module named assignees and message authors by joining tenancy's
-- app_users. Tenancy now publishes the part other modules may read as a view it owns and tests
-- (RowLevelSecurityTests.theStaffDirectoryShowsACustomersOwnStaffAndNothingAboutSignIn): id, customer and display
-- name, nothing about sign-in. security_invoker: the reader's row-level security applies, exactly as on the table.
create view staff_directory with (security_invoker = true) as
    select id, customer_id, display_name from app_users;

grant select on staff_directory to ${appRole};
-- read-only: the default privileges (V1, V19) would also let the roles write through the view
revoke insert, update, delete, truncate on staff_directory from ${appRole}, ${platformRole};
