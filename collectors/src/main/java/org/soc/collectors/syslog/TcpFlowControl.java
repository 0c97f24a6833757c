package org.soc.collectors.syslog;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import java.util.concurrent.atomic.AtomicInteger;
import org.soc.collectors.kafka.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Back-pressure from the publisher to TCP senders: above the high watermark of in-flight events every TCP
 * channel stops reading ({@code autoRead=false}, so the kernel window fills and senders block); at or below the
 * low watermark reading resumes. Checked after every publish and by a periodic task (to resume).
 */
final class TcpFlowControl {
  private static final Logger LOG = LoggerFactory.getLogger(TcpFlowControl.class);

  private final EventPublisher publisher;
  private final long high;
  private final long low;
  private final ChannelGroup channels;
  private volatile boolean paused;
  private final AtomicInteger pendingToggles = new AtomicInteger();

  TcpFlowControl(EventPublisher publisher, long high, long low, ChannelGroup channels) {
    this.publisher = publisher;
    this.high = high;
    this.low = low;
    this.channels = channels;
  }

  synchronized void register(Channel channel) {
    channels.add(channel);
    if (paused) {
      channel.config().setAutoRead(false);
    }
  }

  void afterPublish() {
    if (!paused && publisher.inFlight() > high) {
      setPaused(true);
    }
  }

  /** Periodic: resume at the low watermark (and pause, should a publish have raced past the check). */
  void check() {
    long inFlight = publisher.inFlight();
    if (paused && inFlight <= low) {
      setPaused(false);
    } else if (!paused && inFlight > high) {
      setPaused(true);
    }
  }

  boolean paused() {
    return paused;
  }

  /** Paused, and every channel's event loop has applied it (no read starts after this). */
  boolean pausedEverywhere() {
    return paused && pendingToggles.get() == 0;
  }

  private synchronized void setPaused(boolean value) {
    if (paused == value) {
      return;
    }
    // Held until every channel has its task queued, so pausedEverywhere() never sees a half-done switch.
    pendingToggles.incrementAndGet();
    paused = value;
    LOG.info("{} TCP syslog reading: {} events in flight (watermarks {}/{})",
        value ? "pausing" : "resuming", publisher.inFlight(), high, low);
    // Applied on each channel's own event loop, where clearing autoRead takes effect at once.
    for (Channel channel : channels) {
      pendingToggles.incrementAndGet();
      channel.eventLoop().execute(() -> {
        channel.config().setAutoRead(!paused);
        pendingToggles.decrementAndGet();
      });
    }
    pendingToggles.decrementAndGet();
  }
}
