package dev.idcplane.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One drift finding. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriftView(
    String kind, String key, String permissionSet, RefView account, RefView principal,
    String detail,
    boolean fixedByPlan) {}
