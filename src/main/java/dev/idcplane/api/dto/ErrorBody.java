package dev.idcplane.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The body of every error response: a stable code, a message for people, and details. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ErrorBody(String code, String message, List<?> details) {}
