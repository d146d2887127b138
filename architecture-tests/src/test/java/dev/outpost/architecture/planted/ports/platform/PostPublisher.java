package dev.outpost.architecture.planted.ports.platform;

public interface PostPublisher {
    String publish(String text);
}
