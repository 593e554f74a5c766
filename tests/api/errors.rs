//! Unknown pages and failures get kind pages with the right status and the emergency numbers.

use crate::helpers::spawn_app;

#[actix_rt::test]
async fn an_unknown_topic_is_a_friendly_404() {
    let app = spawn_app().await;
    let (status, body) = app.get_text("/topics/not-a-topic").await;
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"));
    assert!(body.contains("tel:999"));
    assert!(body.contains("Childline"));
}

#[actix_rt::test]
async fn an_unknown_school_is_a_friendly_404() {
    let app = spawn_app().await;
    for path in ["/s/no-such-school", "/s/NOT%20VALID", "/totally/unknown"] {
        let (status, body) = app.get_text(path).await;
        assert_eq!(status, 404, "{path}");
        assert!(body.contains("Page not found"), "{path}");
    }
}

#[actix_rt::test]
async fn a_server_fault_is_a_kind_500_that_reveals_nothing() {
    let app = spawn_app().await;
    app.lose_the_schools_table();
    let (status, body) = app.get_text("/report").await;
    assert_eq!(status, 500);
    assert!(body.contains("Sorry, something went wrong"));
    assert!(body.contains("It is not your fault"));
    assert!(
        !body.to_lowercase().contains("schools"),
        "the error page leaks detail"
    );
    assert!(!body.contains("table"));
}

#[actix_rt::test]
async fn a_wrong_method_gets_a_friendly_page() {
    let app = spawn_app().await;
    let mut res = app.client.delete(app.url("/")).send().await.unwrap();
    let status = res.status().as_u16();
    let body = String::from_utf8_lossy(&res.body().await.unwrap()).into_owned();
    assert!(status == 404 || status == 405, "{status}");
    assert!(body.contains("tel:999"));
}
