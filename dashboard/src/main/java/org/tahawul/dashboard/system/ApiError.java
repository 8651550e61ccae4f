package org.tahawul.dashboard.system;

/** The JSON body of every API error. */
record ApiError(int status, String error, String message, String path) {
}
