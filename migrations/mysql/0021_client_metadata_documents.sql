-- Client ID metadata documents (draft-ietf-oauth-client-id-metadata-document; docs/provider.md).
-- oauth_client_documents: a client whose client_id is the https URL of its metadata document
-- (its oauth_clients row is managed_by 'document', written from the document), and
-- when that copy was fetched and goes stale (from the answer's caching headers, bounded): every
-- node reads the same copy, and fetches again once it is stale. Housekeeping deletes such a
-- client long stale with no grant or consent left (it is fetched again at its next use).
CREATE TABLE oauth_client_documents (
    client_id  VARCHAR(255) PRIMARY KEY,
    fetched_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    CONSTRAINT oauth_client_documents_client FOREIGN KEY (client_id)
        REFERENCES oauth_clients(client_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX oauth_client_documents_expiry ON oauth_client_documents(expires_at);
