//! The schema of each database: the three migration folders make the same tables, columns and
//! indexes, and databases migrated before the migrations were embedded by `sqlx::migrate!` are
//! taken over as they are.
//!
//! What may differ, by design (`store`'s portability rules): the spelling of a type (MySQL's
//! keyed and compared columns are `VARCHAR(n)` and its long bodies `TEXT`, where SQLite and
//! PostgreSQL say `TEXT`; the others' `BIGINT` is SQLite's `BIGINT` affinity), so columns are
//! compared by kind (text or integer); and the names the databases give the indexes behind
//! `PRIMARY KEY` and `UNIQUE` constraints, so those are compared by their columns. (InnoDB
//! also makes an index for a foreign key that has none: every such column has one of its own,
//! or the others would lack it.) And the console's search indexes (migration 0026): MariaDB
//! has no partial indexes, so its filter indexes put the flag first (`(is_active, id)` where the
//! others index `(id) WHERE is_active = 0`), and it needs no prefix indexes on the keys, which
//! its unique indexes serve for `LIKE 'prefix%'` already ([`MYSQL_BY_DESIGN`]).

use std::collections::BTreeSet;

use portcullis::config::DatabaseUrl;
use portcullis::store::{Backend, Store};
use sqlx::{AnyPool, Row};

use crate::helpers::{enabled, fresh_database, Db};

const ALL: [Db; 3] = [Db::Sqlite, Db::Postgres, Db::MySql];

/// MariaDB's spelling of an index the others make (`None`: it has no need of it).
const MYSQL_BY_DESIGN: &[(&str, Option<&str>)] = &[
    ("index users_disabled on users (id)", Some("index users_disabled on users (is_active, id)")),
    (
        "index users_unverified on users (id)",
        Some("index users_unverified on users (email_verified, id)"),
    ),
    ("index users_admins on users (id)", Some("index users_admins on users (is_admin, id)")),
    ("index users_email_key_prefix on users (email_key)", None),
    ("index users_username_key_prefix on users (username_key)", None),
];

fn folder(db: Db) -> &'static str {
    match db {
        Db::Sqlite => "sqlite",
        Db::Postgres => "postgres",
        Db::MySql => "mysql",
    }
}

async fn migrated(db: Db, dir: &tempfile::TempDir) -> Store {
    let url = fresh_database(db, dir).await;
    let store = Store::connect(&DatabaseUrl::new(url)).await.unwrap();
    store.migrate().await.unwrap();
    store
}

/// Every database's schema, described the same way, equals SQLite's.
#[tokio::test]
async fn the_three_schemas_have_the_same_tables_columns_and_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = migrated(Db::Sqlite, &dir).await;
    let expected = describe(&sqlite).await;
    for table in ["users", "sessions", "outbox", "passkeys"] {
        assert!(expected.contains(&format!("table {table}")), "{expected:#?}");
    }
    assert!(expected.contains("index users (email_key) unique"), "{expected:#?}");
    assert!(expected.contains("index sessions_user on sessions (user_id)"), "{expected:#?}");
    for db in [Db::Postgres, Db::MySql] {
        if !enabled(db) {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let store = migrated(db, &dir).await;
        let mut found = describe(&store).await;
        if db == Db::MySql {
            for (theirs, ours) in MYSQL_BY_DESIGN {
                let present = match ours {
                    Some(ours) => found.remove(*ours),
                    None => true,
                };
                if present {
                    found.insert((*theirs).to_owned());
                }
            }
        }
        let missing: Vec<_> = expected.difference(&found).collect();
        let extra: Vec<_> = found.difference(&expected).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{db:?} differs from SQLite:\nmissing {missing:#?}\nextra {extra:#?}"
        );
        store.close().await;
    }
}

/// One line per table, column (`column table.name kind null|not null`), primary key and
/// index (`index [name on] table (columns) [unique]`, named when made by `CREATE INDEX`).
async fn describe(store: &Store) -> BTreeSet<String> {
    let pool = store.pool();
    let mut out = BTreeSet::new();
    let tables = strings(pool, tables_sql(store.backend())).await;
    for table in &tables {
        out.insert(format!("table {table}"));
    }
    match store.backend() {
        Backend::Sqlite => {
            for table in &tables {
                let columns = sqlx::query(&format!(
                    "SELECT name, type, \"notnull\" AS nn, pk FROM pragma_table_info('{table}')"
                ))
                .fetch_all(pool)
                .await
                .unwrap();
                let mut key = Vec::new();
                for c in &columns {
                    let name: String = c.get("name");
                    let pk: i64 = c.get("pk");
                    let not_null = c.get::<i64, _>("nn") != 0 || pk > 0;
                    out.insert(column(table, &name, &c.get::<String, _>("type"), not_null));
                    if pk > 0 {
                        key.push((pk, name));
                    }
                }
                key.sort();
                let key: Vec<_> = key.into_iter().map(|(_, n)| n).collect();
                if !key.is_empty() {
                    out.insert(format!("primary key {table} ({})", key.join(", ")));
                }
                let indexes = sqlx::query(&format!(
                    "SELECT name, \"unique\" AS uniq, origin FROM pragma_index_list('{table}')"
                ))
                .fetch_all(pool)
                .await
                .unwrap();
                for i in &indexes {
                    let name: String = i.get("name");
                    let origin: String = i.get("origin");
                    if origin == "pk" {
                        continue;
                    }
                    let cols = strings(
                        pool,
                        &format!("SELECT name FROM pragma_index_info('{name}') ORDER BY seqno"),
                    )
                    .await;
                    let named = (origin == "c").then_some(name.as_str());
                    out.insert(index(named, table, &cols, i.get::<i64, _>("uniq") != 0));
                }
            }
        }
        Backend::Postgres => {
            let columns = sqlx::query(
                "SELECT table_name::text AS t, column_name::text AS c, data_type::text AS ty, \
                 is_nullable::text AS nullable FROM information_schema.columns \
                 WHERE table_schema = current_schema()",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            for c in &columns {
                let table: String = c.get("t");
                if tables.contains(&table) {
                    let not_null = c.get::<String, _>("nullable") == "NO";
                    out.insert(column(
                        &table,
                        &c.get::<String, _>("c"),
                        &c.get::<String, _>("ty"),
                        not_null,
                    ));
                }
            }
            let indexes = sqlx::query(
                "SELECT t.relname::text AS t, i.relname::text AS name, \
                 CASE WHEN ix.indisunique THEN 1 ELSE 0 END AS uniq, \
                 CASE WHEN ix.indisprimary THEN 1 ELSE 0 END AS pk, \
                 CASE WHEN EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid \
                 AND k.conrelid = t.oid AND k.contype IN ('p', 'u')) THEN 1 ELSE 0 END AS by_constraint, \
                 array_to_string(ARRAY(SELECT a.attname::text FROM unnest(ix.indkey) \
                 WITH ORDINALITY AS k(attnum, ord) JOIN pg_attribute a ON a.attrelid = t.oid \
                 AND a.attnum = k.attnum ORDER BY k.ord), ',') AS cols \
                 FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid \
                 JOIN pg_class t ON t.oid = ix.indrelid \
                 JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = current_schema()",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            for i in &indexes {
                let table: String = i.get("t");
                if !tables.contains(&table) {
                    continue;
                }
                let cols: Vec<String> =
                    i.get::<String, _>("cols").split(',').map(str::to_owned).collect();
                if i.get::<i32, _>("pk") != 0 {
                    out.insert(format!("primary key {table} ({})", cols.join(", ")));
                    continue;
                }
                let name: String = i.get("name");
                let named = (i.get::<i32, _>("by_constraint") == 0).then_some(name.as_str());
                out.insert(index(named, &table, &cols, i.get::<i32, _>("uniq") != 0));
            }
        }
        Backend::MySql => {
            let columns = sqlx::query(
                "SELECT CAST(table_name AS CHAR) AS t, CAST(column_name AS CHAR) AS c, \
                 CAST(data_type AS CHAR) AS ty, CAST(is_nullable AS CHAR) AS nullable \
                 FROM information_schema.columns WHERE table_schema = DATABASE()",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            for c in &columns {
                let table = text(c, "t");
                if tables.contains(&table) {
                    let not_null = text(c, "nullable") == "NO";
                    out.insert(column(&table, &text(c, "c"), &text(c, "ty"), not_null));
                }
            }
            let rows = sqlx::query(
                "SELECT CAST(table_name AS CHAR) AS t, CAST(index_name AS CHAR) AS name, \
                 CAST(non_unique AS SIGNED) AS non_unique, CAST(column_name AS CHAR) AS c \
                 FROM information_schema.statistics WHERE table_schema = DATABASE() \
                 ORDER BY table_name, index_name, seq_in_index",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            let mut indexes: Vec<(String, String, bool, Vec<String>)> = Vec::new();
            for r in &rows {
                let (table, name) = (text(r, "t"), text(r, "name"));
                let unique = r.get::<i64, _>("non_unique") == 0;
                match indexes.last_mut() {
                    Some((t, n, _, cols)) if *t == table && *n == name => cols.push(text(r, "c")),
                    _ => indexes.push((table, name, unique, vec![text(r, "c")])),
                }
            }
            for (table, name, unique, cols) in &indexes {
                if !tables.contains(table) {
                    continue;
                }
                if name == "PRIMARY" {
                    out.insert(format!("primary key {table} ({})", cols.join(", ")));
                    continue;
                }
                // A column's UNIQUE is an index named after the column (`_2`… on a clash).
                let by_constraint = *unique
                    && (name == &cols[0]
                        || name.strip_prefix(&cols[0]).is_some_and(|r| r.starts_with('_')));
                let named = (!by_constraint).then_some(name.as_str());
                out.insert(index(named, table, cols, *unique));
            }
        }
    }
    out
}

fn tables_sql(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '_sqlx_migrations'"
        }
        Backend::Postgres => {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
             AND table_name <> '_sqlx_migrations'"
        }
        Backend::MySql => {
            "SELECT CAST(table_name AS CHAR) FROM information_schema.tables \
             WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' \
             AND table_name <> '_sqlx_migrations'"
        }
    }
}

fn column(table: &str, name: &str, ty: &str, not_null: bool) -> String {
    let ty = ty.to_ascii_lowercase();
    let kind = if ty.contains("char") || ty.contains("text") {
        "text"
    } else if ty.contains("int") {
        "integer"
    } else {
        ty.as_str()
    };
    let null = if not_null { "not null" } else { "null" };
    format!("column {table}.{name} {kind} {null}")
}

fn index(name: Option<&str>, table: &str, cols: &[String], unique: bool) -> String {
    let name = name.map(|n| format!("{n} on ")).unwrap_or_default();
    let unique = if unique { " unique" } else { "" };
    format!("index {name}{table} ({}){unique}", cols.join(", "))
}

/// The first column of every row, as text, in order.
async fn strings(pool: &AnyPool, sql: &str) -> Vec<String> {
    let rows = sqlx::query(sql).fetch_all(pool).await.unwrap();
    rows.iter().map(|r| text(r, 0)).collect()
}

/// A text column, which MariaDB may send as bytes.
fn text<I: sqlx::ColumnIndex<sqlx::any::AnyRow>>(row: &sqlx::any::AnyRow, i: I) -> String {
    match row.try_get::<String, _>(&i) {
        Ok(s) => s,
        Err(_) => String::from_utf8(row.get::<Vec<u8>, _>(&i)).unwrap(),
    }
}

/// A database migrated by the hand-written loader that came before `sqlx::migrate!` (the same
/// files, each recorded under its name as written, underscores and all) is taken over: no
/// migration runs again or is refused, and its rows stay.
#[tokio::test]
async fn a_database_migrated_by_the_old_loader_is_taken_over() {
    for db in ALL {
        if !enabled(db) {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let url = fresh_database(db, &dir).await;
        let raw = if db == Db::Sqlite { format!("{url}?mode=rwc") } else { url.clone() };
        sqlx::any::install_default_drivers();
        let pool = AnyPool::connect(&raw).await.unwrap();
        old_loader(folder(db)).run(&pool).await.unwrap();
        let history = "SELECT version, checksum FROM _sqlx_migrations ORDER BY version";
        let before: Vec<(i64, Vec<u8>)> = sqlx::query_as(history).fetch_all(&pool).await.unwrap();
        sqlx::query(
            "INSERT INTO signing_keys (kid, algorithm, private_pkcs8, created_at) \
             VALUES ('kept', 'EdDSA', 'x', 1)",
        )
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;

        let store = Store::connect(&DatabaseUrl::new(url)).await.unwrap();
        store.migrate().await.unwrap_or_else(|e| panic!("{db:?}: {e:#}"));
        let after: Vec<(i64, Vec<u8>)> =
            sqlx::query_as(history).fetch_all(store.pool()).await.unwrap();
        assert_eq!(after, before, "{db:?}: the history is unchanged");
        assert!(before.len() > 10, "{db:?}: {before:?}");
        let keys = store.signing_keys().await.unwrap();
        assert_eq!(keys.iter().map(|k| k.kid.as_str()).collect::<Vec<_>>(), ["kept"], "{db:?}");
        store.close().await;
    }
}

/// Today's loader before `sqlx::migrate!`: every `migrations/<folder>/NNNN_name.sql`, version
/// `NNNN`, description `name`.
fn old_loader(folder: &str) -> sqlx::migrate::Migrator {
    use sqlx::migrate::{Migration, MigrationType};
    use std::borrow::Cow;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(folder);
    let mut migrations: Vec<Migration> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
            let (version, name) = stem.split_once('_').unwrap();
            let sql = std::fs::read_to_string(&path).unwrap();
            Migration::new(
                version.parse().unwrap(),
                Cow::Owned(name.to_owned()),
                MigrationType::Simple,
                Cow::Owned(sql),
                false,
            )
        })
        .collect();
    migrations.sort_by_key(|m| m.version);
    sqlx::migrate::Migrator {
        migrations: Cow::Owned(migrations),
        ignore_missing: false,
        locking: true,
        no_tx: false,
    }
}
