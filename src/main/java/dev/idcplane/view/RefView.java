package dev.idcplane.view;

/** An account or principal: its id and its human name (and, for principals, its type). */
public record RefView(String type, String id, String name) {}
