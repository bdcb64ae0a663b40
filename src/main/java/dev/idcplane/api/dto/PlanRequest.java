package dev.idcplane.api.dto;

import java.util.Map;

/**
 * Body of {@code POST /api/v1/plans} in JSON: matrix files to plan instead of the configured folder
 * (file name → YAML text), and the commit they come from.
 */
public record PlanRequest(Map<String, String> files, String commit) {}
