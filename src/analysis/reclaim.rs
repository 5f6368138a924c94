//! Freeing a stopped document's large structures off the thread that analysed it.
//!
//! A page's tree can hold a million nodes, each with its own attribute list, and freeing them
//! takes milliseconds: after a cancel that time is pure overrun, spent while the caller has
//! already gone. [`reclaim`] hands such a value to one background thread, which drops it.
//! The hand-over queue is short ([`PENDING`]): when it is full, or the thread could not be
//! started, the value is dropped right here, so memory stays bounded as before.

use std::sync::mpsc::{sync_channel, SyncSender, TrySendError};
use std::sync::LazyLock;

/// Values waiting to be freed at most; each is one stopped document's tree.
const PENDING: usize = 2;

type Parcel = Box<dyn Send>;

static RECLAIMER: LazyLock<Option<SyncSender<Parcel>>> = LazyLock::new(|| {
    let (sender, receiver) = sync_channel::<Parcel>(PENDING);
    std::thread::Builder::new()
        .name("textanalytics-reclaim".to_string())
        .spawn(move || receiver.into_iter().for_each(drop))
        .ok()
        .map(|_| sender)
});

/// Drops `value` on the background thread when there is room, else here.
pub fn reclaim<T: Send + 'static>(value: T) {
    let parcel: Parcel = Box::new(value);
    let Some(sender) = RECLAIMER.as_ref() else { return };
    match sender.try_send(parcel) {
        Ok(()) => {}
        Err(TrySendError::Full(parcel) | TrySendError::Disconnected(parcel)) => drop(parcel),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc::{channel, Sender};
    use std::thread::{self, ThreadId};

    use super::*;

    /// Reports the thread it is dropped on.
    struct Witness(Sender<ThreadId>);

    impl Drop for Witness {
        fn drop(&mut self) {
            let _ = self.0.send(thread::current().id());
        }
    }

    #[test]
    fn a_reclaimed_value_is_dropped_on_another_thread() {
        let (sender, receiver) = channel();
        reclaim(Witness(sender));
        let dropped_on = receiver.recv().expect("the value is dropped");
        assert_ne!(dropped_on, thread::current().id());
    }
}
