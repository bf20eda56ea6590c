//! Cancellation cuts a call short while it hangs inside the emulator.

use std::time::{Duration, Instant};

use gaap_emulator::Knobs;
use tencentcloud_client::ClientError;

use crate::harness::{harness, request, ACTION, CALL_BOUND, CLIENT_RATE};

#[tokio::test]
async fn cancel_cuts_a_hanging_call_short() {
    let _shared = CLIENT_RATE.read().await;
    let knobs = Knobs {
        hang: 1,
        ..Knobs::default()
    };
    let h = harness(knobs, |c| c.request_timeout = Duration::from_secs(60)).await;
    let (stop, cancel) = tokio::sync::watch::channel(false);
    let req = request("cancel");
    let call = tokio::time::timeout(CALL_BOUND, h.client.check_proxy_create(&req, cancel));
    let canceller = async {
        // Cancel only once the call is hanging inside the emulator.
        tokio::time::timeout(CALL_BOUND, async {
            while h.emu.stats().count(ACTION, "hang") == 0 {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
        .await
        .expect("the call reaches the emulator");
        stop.send_replace(true);
        Instant::now()
    };
    let (result, cancelled_at) = tokio::join!(call, canceller);
    let result = result.expect("the call ends well before its 60 s timeout");
    let lag = cancelled_at.elapsed();
    assert!(matches!(result, Err(ClientError::Cancelled)), "{result:?}");
    assert!(
        lag < Duration::from_secs(1),
        "took {lag:?} after the cancel"
    );
    assert_eq!(h.emu.stats().total(ACTION), 1);
    h.emu.shutdown().await;
}
