//! The console does everything the admin API does: every operation of the admin API's
//! OpenAPI document has a console twin (`portcullis::http::ADMIN_API_TWINS`, checked against
//! the document by a unit test), and here every twin is a route the console really serves.

use reqwest::header::{CONTENT_TYPE, COOKIE, LOCATION};
use reqwest::StatusCode;

use crate::helpers::{Db, TestApp};

/// A route of the console answers a browser without a console session: a page sends it to the
/// sign-in, a form (with a valid CSRF token) is refused `401`. A path the console does not
/// serve is a `404` page, or `405` for a form.
#[tokio::test]
async fn every_admin_api_operation_has_a_console_route() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let (csrf_cookie, csrf) = crate::browser::csrf(&app).await;
    let fill = |path: &str| {
        path.split('/')
            .map(|seg| if seg.starts_with('{') { "x1" } else { seg })
            .collect::<Vec<_>>()
            .join("/")
    };
    let mut checked = 0;
    for (api_method, api_path, method, path) in portcullis::http::ADMIN_API_TWINS {
        let url = app.url(&fill(path));
        let res = match *method {
            "GET" => app.client.get(&url).send().await.unwrap(),
            _ => app
                .client
                .post(&url)
                .header(COOKIE, &csrf_cookie)
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(format!("csrf={csrf}"))
                .send()
                .await
                .unwrap(),
        };
        let status = res.status();
        match *method {
            "GET" => {
                assert_eq!(status, StatusCode::SEE_OTHER, "{api_method} {api_path}: GET {path}");
                let to = res.headers()[LOCATION].to_str().unwrap();
                assert!(to.starts_with("/admin/login?next="), "{path} -> {to}");
            }
            _ => assert_eq!(status, StatusCode::UNAUTHORIZED, "{api_method} {api_path}: {path}"),
        }
        checked += 1;
    }
    assert!(checked >= 28, "{checked}");
    // What an unserved path looks like, so the assertions above can tell.
    let res = app.client.get(app.url("/admin/no-such-screen")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = app
        .client
        .post(app.url("/admin/no-such-form"))
        .header(COOKIE, &csrf_cookie)
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(format!("csrf={csrf}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
}
