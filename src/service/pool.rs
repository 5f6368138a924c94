//! The CPU pool: a fixed set of worker threads fed by a bounded queue, plus admission permits.
//!
//! Analysis is CPU-bound, so it never runs on the async reactor, and never on
//! `spawn_blocking` (whose pool grows to hundreds of threads under load). Every document holds
//! one permit from admission until its worker finishes it; when a call cannot get permits for
//! all its documents within a short bound it is refused at once instead of queueing without end.

use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::metrics;

type Job = Box<dyn FnOnce() + Send + 'static>;

/// Permits for some documents, taken together and handed out one per document.
#[derive(Debug)]
pub struct Admission {
    permits: OwnedSemaphorePermit,
}

impl Admission {
    /// One document's permit; `None` once all are handed out.
    pub fn take_one(&mut self) -> Option<OwnedSemaphorePermit> {
        self.permits.split(1)
    }
}

/// Why a call was refused admission.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// More documents than the pool ever admits at once.
    TooMany { documents: usize, capacity: usize },
    /// The pool stayed full for the whole admission wait.
    Busy {
        documents: usize,
        capacity: usize,
        waited: Duration,
    },
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::TooMany { documents, capacity } => write!(
                f,
                "the call has {documents} documents; the server admits at most {capacity} at once (--max-pending-documents)"
            ),
            Refusal::Busy { documents, capacity, waited } => {
                write!(f, "the server is saturated: no room for {documents} more document(s)")?;
                if !waited.is_zero() {
                    write!(f, " within {} ms (--admission-wait)", waited.as_millis())?;
                }
                write!(f, " ({capacity} admitted at once, --max-pending-documents); retry with backoff")
            }
        }
    }
}

pub struct Pool {
    jobs: SyncSender<Job>,
    permits: Arc<Semaphore>,
    capacity: usize,
    admission_wait: Duration,
    workers: usize,
}

impl Pool {
    /// Starts `workers` threads; at most `capacity` documents are admitted (queued or
    /// running) at once, and a call waits at most `admission_wait` for room.
    pub fn new(workers: usize, capacity: usize, admission_wait: Duration) -> std::io::Result<Pool> {
        let workers = workers.max(1);
        let capacity = capacity.max(workers);
        // Permits bound the queue: a job is only queued while its permit is held.
        let (jobs, queue) = sync_channel::<Job>(capacity);
        let queue = Arc::new(Mutex::new(queue));
        for index in 0..workers {
            let queue = Arc::clone(&queue);
            thread::Builder::new()
                .name(format!("analysis-{index}"))
                .spawn(move || {
                    lower_priority();
                    work(&queue)
                })?;
        }
        Ok(Pool {
            jobs,
            permits: Arc::new(Semaphore::new(capacity)),
            capacity,
            admission_wait,
            workers,
        })
    }

    pub fn workers(&self) -> usize {
        self.workers
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Permits for `documents` documents, all or none.
    pub async fn admit(&self, documents: usize) -> Result<Admission, Refusal> {
        if documents > self.capacity {
            return Err(Refusal::TooMany {
                documents,
                capacity: self.capacity,
            });
        }
        // `documents <= capacity`, and capacity came from a usize the semaphore accepted.
        let wanted = u32::try_from(documents).unwrap_or(u32::MAX);
        // Room now is the common case, and a full queue with no wait allowed is refused at once,
        // without arming a timer.
        let permits = match Arc::clone(&self.permits).try_acquire_many_owned(wanted) {
            Ok(permits) => Some(permits),
            Err(_) if self.admission_wait.is_zero() => None,
            Err(_) => {
                let acquire = Arc::clone(&self.permits).acquire_many_owned(wanted);
                // The semaphore is never closed; treat that like a full pool all the same.
                tokio::time::timeout(self.admission_wait, acquire).await.ok().and_then(Result::ok)
            }
        };
        match permits {
            Some(permits) => {
                metrics::set_queue_depth(self.capacity.saturating_sub(self.permits.available_permits()));
                Ok(Admission { permits })
            }
            None => {
                metrics::record_shed();
                Err(Refusal::Busy { documents, capacity: self.capacity, waited: self.admission_wait })
            }
        }
    }

    /// Queues `job` on a worker; the permit is released when the job has run.
    pub fn execute(
        &self,
        permit: OwnedSemaphorePermit,
        job: impl FnOnce() + Send + 'static,
    ) -> Result<(), Refusal> {
        let (permits, capacity) = (Arc::clone(&self.permits), self.capacity);
        let job: Job = Box::new(move || {
            job();
            drop(permit);
            metrics::set_queue_depth(capacity.saturating_sub(permits.available_permits()));
        });
        match self.jobs.try_send(job) {
            Ok(()) => Ok(()),
            // Unreachable while permits bound the queue; refusing is the safe answer anyway.
            Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => Err(Refusal::Busy {
                documents: 1,
                capacity: self.capacity,
                waited: Duration::ZERO,
            }),
        }
    }
}

/// How much less CPU priority (niceness) an analysis thread has than the threads of the async
/// runtime. When every worker is busy the cores are theirs, and at equal priority the
/// scheduler lets a woken runtime thread wait for a slice: health checks, refusals and
/// cancellations took up to tens of milliseconds in the soak. Lower, the runtime runs first.
pub const WORKER_NICENESS: i32 = 5;

/// Gives the calling thread [`WORKER_NICENESS`] more niceness than it has (Linux schedules
/// threads one by one; elsewhere this does nothing).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: gettid, getpriority and setpriority take and return plain integers; with
        // PRIO_PROCESS and a thread id they read and change that one thread's niceness.
        let changed = unsafe {
            let thread = libc::gettid() as libc::id_t;
            let current = libc::getpriority(libc::PRIO_PROCESS, thread);
            libc::setpriority(libc::PRIO_PROCESS, thread, (current + WORKER_NICENESS).min(19))
        };
        if changed != 0 {
            tracing::warn!("could not lower an analysis thread's priority; health checks may wait behind analyses");
        }
    }
}

fn work(queue: &Mutex<Receiver<Job>>) {
    loop {
        // A worker that panicked while holding the lock cannot corrupt a Receiver; go on.
        let next = match queue.lock() {
            Ok(receiver) => receiver.recv(),
            Err(poisoned) => poisoned.into_inner().recv(),
        };
        match next {
            Ok(job) => job(),
            // The pool was dropped: no more work will come.
            Err(_) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::sync::oneshot;

    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn analysis_threads_yield_to_the_runtime() {
        let niceness = || unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t) };
        let pool = Pool::new(1, 1, Duration::ZERO).unwrap();
        let permit = pool.admit(1).await.unwrap().take_one().unwrap();
        let (sender, receiver) = oneshot::channel();
        pool.execute(permit, move || {
            let _ = sender.send(niceness());
        })
        .unwrap();
        assert_eq!(receiver.await.unwrap(), (niceness() + WORKER_NICENESS).min(19));
    }

    #[tokio::test]
    async fn runs_jobs_off_the_reactor_and_releases_permits() {
        let pool = Pool::new(2, 4, Duration::from_millis(50)).unwrap();
        let mut admission = pool.admit(2).await.unwrap();
        let mut answers = Vec::new();
        for n in 0..2 {
            let (tx, rx) = oneshot::channel();
            let permit = admission.take_one().unwrap();
            pool.execute(permit, move || {
                let name = thread::current().name().unwrap_or_default().to_string();
                let _ = tx.send((n, name));
            })
            .unwrap();
            answers.push(rx);
        }
        assert!(admission.take_one().is_none());
        for (n, rx) in answers.into_iter().enumerate() {
            let (got, thread_name) = rx.await.unwrap();
            assert_eq!(got, n);
            assert!(thread_name.starts_with("analysis-"));
        }
        // Both permits came back: the whole capacity is available again.
        assert!(pool.admit(4).await.is_ok());
    }

    #[tokio::test]
    async fn without_a_wait_a_full_pool_refuses_on_the_first_poll() {
        use futures_util::FutureExt;
        let pool = Pool::new(1, 2, Duration::ZERO).unwrap();
        let _held = pool.admit(2).await.unwrap();
        let refusal = pool.admit(1).now_or_never().expect("answered without waiting").unwrap_err();
        assert!(!refusal.to_string().contains("--admission-wait"), "{refusal}");
        // With a wait, the same call is still pending on its first poll.
        let patient = Pool::new(1, 2, Duration::from_secs(60)).unwrap();
        let _held = patient.admit(2).await.unwrap();
        assert!(patient.admit(1).now_or_never().is_none());
    }

    #[tokio::test]
    async fn refuses_at_once_when_full() {
        let pool = Pool::new(1, 2, Duration::from_millis(20)).unwrap();
        let _held = pool.admit(2).await.unwrap();
        assert!(matches!(pool.admit(1).await, Err(Refusal::Busy { .. })));
        let too_many = pool.admit(3).await.unwrap_err();
        assert!(
            too_many.to_string().contains("--max-pending-documents"),
            "{too_many}"
        );
    }
}
