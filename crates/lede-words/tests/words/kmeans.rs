use lede_words::kmeans::{cluster, dot, Vectors};

/// Three groups of points around three directions, with a little seeded noise.
fn groups() -> Vec<Vec<f32>> {
    let mut rng = fastrand::Rng::with_seed(3);
    let mut rows = Vec::new();
    for i in 0..90 {
        let mut v = vec![0f32; 5];
        v[i % 3] = 1.0;
        for x in &mut v {
            *x += (rng.f32() - 0.5) * 0.2;
        }
        rows.push(v);
    }
    rows
}

#[test]
fn obvious_groups_are_found() {
    let vecs = Vectors::normalised(&groups(), 5);
    assert_eq!(vecs.len(), 90);
    assert!((dot(vecs.row(0), vecs.row(0)) - 1.0).abs() < 1e-5);
    let ids = cluster(&vecs, 3, 10, 1, &mut |_| {});
    for i in 0..90 {
        for j in 0..90 {
            assert_eq!(ids[i] == ids[j], i % 3 == j % 3, "rows {i} and {j}");
        }
    }
}

#[test]
fn clustering_is_deterministic() {
    let vecs = Vectors::normalised(&groups(), 5);
    let a = cluster(&vecs, 7, 5, 42, &mut |_| {});
    let b = cluster(&vecs, 7, 5, 42, &mut |_| {});
    assert_eq!(a, b);
    assert!(a.iter().all(|&c| c < 7));
}

#[test]
fn degenerate_input_does_not_panic() {
    let empty = Vectors::normalised(&[], 5);
    assert!(cluster(&empty, 4, 3, 1, &mut |_| {}).is_empty());
    // more clusters than rows, and zero vectors
    let zeros = Vectors::normalised(&[vec![0.0; 3], vec![0.0; 3]], 3);
    let ids = cluster(&zeros, 8, 3, 1, &mut |_| {});
    assert_eq!(ids.len(), 2);
}
